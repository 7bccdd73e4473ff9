/** SCIM schema and message URNs the Entra client writes (RFC 7643 / RFC 7644, plus Microsoft's group marker). */
export const CORE_USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const CORE_GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** Entra still lists this Microsoft-specific URI in every group POST (scim-wire.md §3.10). */
export const ADSCIM_GROUP_SCHEMA = "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
export const PATCH_OP_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const LIST_RESPONSE_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

/** The role `type` Entra writes for app roles (SingleAppRoleAssignment and the complex role expressions). */
export const ENTRA_ROLE_TYPE = "WindowsAzureActiveDirectoryRole";
