package recognise

// figures fills the prose figures, enumerations and negations.
func figures(r *Report) {}
