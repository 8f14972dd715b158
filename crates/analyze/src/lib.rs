//! khabar-analyze
