//! khabar-server
