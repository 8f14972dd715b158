//! khabar-story
