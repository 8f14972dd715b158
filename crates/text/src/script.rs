//! script (to be written)
