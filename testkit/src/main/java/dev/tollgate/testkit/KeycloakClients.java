package dev.tollgate.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keycloak admin REST representations of the clients and mappers tests register ({@link KeycloakServer#createClient}). */
public final class KeycloakClients {

	private KeycloakClients() {
	}

	/**
	 * A confidential client ({@code client_secret_basic}/{@code _post}) with every browser flow off: add
	 * {@code serviceAccountsEnabled}, {@code attributes} and {@code protocolMappers} to the map as needed.
	 */
	public static Map<String, Object> confidentialClient(String clientId, String secret) {
		Map<String, Object> client = new LinkedHashMap<>();
		client.put("clientId", clientId);
		client.put("enabled", true);
		client.put("protocol", "openid-connect");
		client.put("publicClient", false);
		client.put("clientAuthenticatorType", "client-secret");
		client.put("secret", secret);
		client.put("standardFlowEnabled", false);
		client.put("implicitFlowEnabled", false);
		client.put("directAccessGrantsEnabled", false);
		client.put("serviceAccountsEnabled", false);
		client.put("attributes", new LinkedHashMap<String, String>());
		client.put("protocolMappers", new ArrayList<Map<String, Object>>());
		return client;
	}

	/**
	 * An {@code oidc-audience-mapper} adding {@code audience} to access tokens only: a client id with
	 * {@code clientAudience} true, else a custom string (e.g. a gateway route's audience URL).
	 */
	public static Map<String, Object> audienceMapper(String name, String audience, boolean clientAudience) {
		Map<String, String> config = new LinkedHashMap<>();
		config.put(clientAudience ? "included.client.audience" : "included.custom.audience", audience);
		config.put("access.token.claim", "true");
		config.put("id.token.claim", "false");
		config.put("introspection.token.claim", "true");
		return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", "oidc-audience-mapper", "config",
				config);
	}

}
