//! dates (to be written)
