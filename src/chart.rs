//! Geometry of the emotion curve, shared by the HTML map and the SVG picture.
