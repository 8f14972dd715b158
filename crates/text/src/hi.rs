//! hi (to be written)
