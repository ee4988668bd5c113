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

// Level is how central a technology is to a posting: the openstack and
// python columns of the listings table.
type Level string

// The three levels. Core: the title names the technology or the work is
// about it (building, operating, developing, supporting it). Listed: it is
// mentioned, but among several technologies or as optional. None: it is
// not mentioned.
const (
	LevelCore   Level = "core"
	LevelListed Level = "listed"
	LevelNone   Level = "none"
)

// The definitions of a role, the values of classify.definition. Under
// DefinitionCore (the default) a posting is an OpenStack role when
// OpenStack is core to it; under DefinitionMention when it mentions
// OpenStack at all. Python likewise, for postings that are not OpenStack
// roles under the same definition.
const (
	DefinitionCore    = "core"
	DefinitionMention = "mention"
)

// Definitions lists the definitions, the default first.
var Definitions = []string{DefinitionCore, DefinitionMention}

// RoleUnder is the role a posting with these levels of OpenStack and
// Python has under a definition: OpenStack when OpenStack counts, else
// Python when Python counts, else Other. It counts when it is core, or
// under DefinitionMention when it is mentioned at all; an unknown
// definition counts as DefinitionCore.
func RoleUnder(definition string, openstack, python Level) Role {
	counts := func(l Level) bool {
		return l == LevelCore || definition == DefinitionMention && l == LevelListed
	}
	switch {
	case counts(openstack):
		return RoleOpenStack
	case counts(python):
		return RolePython
	}
	return RoleOther
}
