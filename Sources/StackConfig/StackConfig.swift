// The StackConfig module. See DESIGN.md.
