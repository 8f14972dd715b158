//! en (to be written)
