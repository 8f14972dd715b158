//! numbers (to be written)
