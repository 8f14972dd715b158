//! khabar-kb
