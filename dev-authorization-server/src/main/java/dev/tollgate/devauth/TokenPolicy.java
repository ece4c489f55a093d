package dev.tollgate.devauth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationGrantAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeActor;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenExchangeCompositeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenContext;

/**
 * What this server puts in an access token beyond Spring Authorization Server's defaults; shared by the JWT and
 * the reference-token customizers so both formats carry the same claims. {@code cnf} is not here: Spring
 * Authorization Server's own customizer, which runs first, sets {@code jkt} for a DPoP proof (RFC 9449 §6) and
 * {@code x5t#S256} for a mutual-TLS client (RFC 8705 §3.1).
 */
final class TokenPolicy {

	/** Custom client setting: audience when the request names none. */
	static final String DEFAULT_AUDIENCE = "tollgate.dev.default-audience";

	/** Custom client setting: {@link DevClient.SigningAlgorithm} name. */
	static final String SIGNING_ALGORITHM = "tollgate.dev.signing-algorithm";

	static final String RESOURCE = "resource";

	static final String AUDIENCE = "audience";

	private TokenPolicy() {
	}

	/**
	 * {@code aud}: the RFC 8707 {@code resource} parameter if present, else the {@code audience} parameter (RFC
	 * 8693 §2.1, also accepted on client credentials requests), else the client's default audience. Replaces
	 * Spring Authorization Server's default of the client id, which names the wrong party.
	 */
	static List<String> audience(OAuth2TokenContext context) {
		Authentication grant = context.getAuthorizationGrant();
		if (grant instanceof OAuth2TokenExchangeAuthenticationToken exchange) {
			if (!exchange.getResources().isEmpty()) {
				return List.copyOf(exchange.getResources());
			}
			if (!exchange.getAudiences().isEmpty()) {
				return List.copyOf(exchange.getAudiences());
			}
		}
		else if (grant instanceof OAuth2AuthorizationGrantAuthenticationToken other) {
			List<String> resources = values(other.getAdditionalParameters().get(RESOURCE));
			if (!resources.isEmpty()) {
				return resources;
			}
			List<String> audiences = values(other.getAdditionalParameters().get(AUDIENCE));
			if (!audiences.isEmpty()) {
				return audiences;
			}
		}
		RegisteredClient client = context.getRegisteredClient();
		String fallback = client.getClientSettings().getSetting(DEFAULT_AUDIENCE);
		return List.of((fallback != null) ? fallback : client.getClientId());
	}

	/** RFC 9068 §2.2.3: {@code scope} is one space-delimited string. */
	static String scope(Set<String> scopes) {
		return String.join(" ", scopes);
	}

	static DevClient.SigningAlgorithm algorithm(RegisteredClient client) {
		String name = client.getClientSettings().getSetting(SIGNING_ALGORITHM);
		return (name != null) ? DevClient.SigningAlgorithm.valueOf(name) : DevClient.SigningAlgorithm.RS256;
	}

	/**
	 * RFC 8693 §4.1 {@code act}: the current actor outermost, earlier actors nested inside; {@code null} when the
	 * exchange had no actor token.
	 */
	static Map<String, Object> actClaim(Authentication principal) {
		if (!(principal instanceof OAuth2TokenExchangeCompositeAuthenticationToken composite)) {
			return null;
		}
		List<OAuth2TokenExchangeActor> actors = new ArrayList<>(composite.getActors());
		Map<String, Object> act = null;
		for (int i = actors.size() - 1; i >= 0; i--) {
			OAuth2TokenExchangeActor actor = actors.get(i);
			Map<String, Object> current = new LinkedHashMap<>();
			if (actor.getIssuer() != null) {
				current.put("iss", actor.getIssuer());
			}
			current.put("sub", actor.getSubject());
			if (act != null) {
				current.put("act", act);
			}
			act = current;
		}
		return act;
	}

	/** The subject of the token: for an exchange with actors, the subject's name, not the composite's. */
	static String subject(Authentication principal) {
		if (principal instanceof OAuth2TokenExchangeCompositeAuthenticationToken composite) {
			return composite.getSubject().getName();
		}
		return principal.getName();
	}

	private static List<String> values(Object parameter) {
		if (parameter instanceof String single) {
			return single.isBlank() ? List.of() : List.of(single);
		}
		if (parameter instanceof String[] many) {
			return Arrays.stream(many).filter(v -> !v.isBlank()).toList();
		}
		return List.of();
	}

}
