//! khabar-store
