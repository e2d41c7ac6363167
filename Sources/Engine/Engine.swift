// The Engine module. See DESIGN.md.
