"""University pages, one module per area. Thin: parse a form, call a service or a selector, render."""
