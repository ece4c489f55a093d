package dev.tollgate.filters.policy;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;

/**
 * The typed evaluation context every policy is checked against: each name is a CEL qualified identifier, so a
 * misspelt field ({@code caller.client}) fails at startup instead of denying every request. Documented in
 * {@code docs/policies.md}; the names are the contract with operators' policies.
 */
public final class PolicyVariables {

	public static final String CALLER_CLIENT_ID = "caller.client_id";

	public static final String CALLER_SUBJECT = "caller.subject";

	public static final String CALLER_ISSUER = "caller.issuer";

	public static final String CALLER_SCOPES = "caller.scopes";

	public static final String CALLER_KIND = "caller.kind";

	public static final String CALLER_CLAIMS = "caller.claims";

	public static final String CALLER_KEY_ID = "caller.key_id";

	public static final String CALLER_KEY_LABELS = "caller.key_labels";

	public static final String REQUEST_METHOD = "request.method";

	public static final String REQUEST_PATH = "request.path";

	public static final String REQUEST_PATH_VARS = "request.path_vars";

	public static final String REQUEST_HEADERS = "request.headers";

	public static final String REQUEST_QUERY = "request.query";

	public static final String ROUTE_ID = "route.id";

	public static final String ROUTE_LABELS = "route.labels";

	public static final String NOW = "now";

	/** The tool a {@code tools/call} names; declared for the policies of MCP tool rules only. */
	public static final String TOOL_NAME = "tool.name";

	/** The {@code arguments} of a {@code tools/call}; declared for the policies of MCP tool rules only. */
	public static final String TOOL_ARGUMENTS = "tool.arguments";

	/** Prefix of the operator's attributes, {@code env.<name>}. */
	public static final String ENV_PREFIX = "env.";

	private static final CelType STRINGS = ListType.create(SimpleType.STRING);

	private static final CelType STRING_MAP = MapType.create(SimpleType.STRING, SimpleType.STRING);

	private PolicyVariables() {
	}

	/** Every variable and its type, the operator's {@code env} attributes included. */
	static Map<String, CelType> declarations(PolicyProperties.Settings settings) {
		Map<String, CelType> vars = new LinkedHashMap<>();
		vars.put(CALLER_CLIENT_ID, SimpleType.STRING);
		vars.put(CALLER_SUBJECT, SimpleType.STRING);
		vars.put(CALLER_ISSUER, SimpleType.STRING);
		vars.put(CALLER_SCOPES, STRINGS);
		vars.put(CALLER_KIND, SimpleType.STRING);
		vars.put(CALLER_CLAIMS, MapType.create(SimpleType.STRING, SimpleType.DYN));
		vars.put(CALLER_KEY_ID, SimpleType.STRING);
		vars.put(CALLER_KEY_LABELS, STRING_MAP);
		vars.put(REQUEST_METHOD, SimpleType.STRING);
		vars.put(REQUEST_PATH, SimpleType.STRING);
		vars.put(REQUEST_PATH_VARS, STRING_MAP);
		vars.put(REQUEST_HEADERS, STRING_MAP);
		vars.put(REQUEST_QUERY, STRING_MAP);
		vars.put(ROUTE_ID, SimpleType.STRING);
		vars.put(ROUTE_LABELS, STRING_MAP);
		vars.put(NOW, SimpleType.TIMESTAMP);
		settings.env().keySet().forEach(name -> vars.put(ENV_PREFIX + name, SimpleType.STRING));
		settings.envLists().keySet().forEach(name -> vars.put(ENV_PREFIX + name, STRINGS));
		settings.envMaps().keySet().forEach(name -> vars.put(ENV_PREFIX + name, STRING_MAP));
		return vars;
	}

	/** The variables a tool rule's policy has besides every route policy's. */
	static Map<String, CelType> toolDeclarations() {
		Map<String, CelType> vars = new LinkedHashMap<>();
		vars.put(TOOL_NAME, SimpleType.STRING);
		vars.put(TOOL_ARGUMENTS, MapType.create(SimpleType.STRING, SimpleType.DYN));
		return vars;
	}

	/** The operator's attributes as evaluation values, keyed by their full name ({@code env.<name>}). */
	static Map<String, Object> envValues(PolicyProperties.Settings settings) {
		Map<String, Object> values = new LinkedHashMap<>();
		settings.env().forEach((name, value) -> values.put(ENV_PREFIX + name, value));
		settings.envLists().forEach((name, value) -> values.put(ENV_PREFIX + name, value));
		settings.envMaps().forEach((name, value) -> values.put(ENV_PREFIX + name, value));
		return Map.copyOf(values);
	}

}
