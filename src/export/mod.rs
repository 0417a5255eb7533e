//! Exports (to be written)
