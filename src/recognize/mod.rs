//! Mention recognition (to be written)
