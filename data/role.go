package data

// Role is the class a posting falls into for the premium question.
type Role string

// The three role classes. Only OpenStack and Python roles enter an
// estimate; Other is kept in the listings table so counts stay honest.
const (
	RoleOpenStack Role = "openstack"
	RolePython    Role = "python"
	RoleOther     Role = "other"
)
