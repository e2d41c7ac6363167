// The LocalProvider module. See DESIGN.md.
