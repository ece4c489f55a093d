package dev.tollgate.devauth;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.InMemoryOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * In-memory authorization store that also records the client as the principal of client credentials grants.
 *
 * <p>
 * Why: Spring Authorization Server's token exchange provider refuses a subject token whose authorization has no
 * {@link Principal} attribute (it needs a subject to impersonate or delegate from, RFC 8693 §1.1), and the client
 * credentials provider stores none. Agents here authenticate with client credentials, so without this their tokens
 * could never be exchanged.
 *
 * <p>
 * Access and refresh tokens are also indexed by value. Spring's in-memory store finds a token by scanning every
 * authorization it holds, and it holds one per token issued: with ten thousand agents (the load harness) each token
 * exchange and introspection scanned tens of thousands, and the authorization server, not the gateway, set the pace.
 */
final class SubjectRecordingAuthorizationService implements OAuth2AuthorizationService {

	private static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();

	private final OAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

	/** Access and refresh token values to the id of their authorization. */
	private final Map<String, String> idsByToken = new ConcurrentHashMap<>();

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
				&& authorization.getAttribute(PRINCIPAL_ATTRIBUTE) == null) {
			UsernamePasswordAuthenticationToken client = UsernamePasswordAuthenticationToken
				.authenticated(authorization.getPrincipalName(), null, List.of());
			authorization = OAuth2Authorization.from(authorization).attribute(PRINCIPAL_ATTRIBUTE, client).build();
		}
		this.delegate.save(authorization);
		String id = authorization.getId();
		tokenValues(authorization).forEach((value) -> this.idsByToken.put(value, id));
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
		tokenValues(authorization).forEach((value) -> this.idsByToken.remove(value, authorization.getId()));
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		boolean indexed = tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)
				|| OAuth2TokenType.REFRESH_TOKEN.equals(tokenType);
		if (!indexed) {
			return this.delegate.findByToken(token, tokenType);
		}
		String id = this.idsByToken.get(token);
		OAuth2Authorization authorization = (id != null) ? this.delegate.findById(id) : null;
		if (authorization != null && holds(authorization, token, tokenType)) {
			return authorization;
		}
		// Not an access or refresh token of any authorization; without a type it may still be a code or a state.
		return (tokenType == null) ? this.delegate.findByToken(token, null) : null;
	}

	private static boolean holds(OAuth2Authorization authorization, String token, OAuth2TokenType tokenType) {
		boolean access = authorization.getAccessToken() != null
				&& token.equals(authorization.getAccessToken().getToken().getTokenValue());
		boolean refresh = authorization.getRefreshToken() != null
				&& token.equals(authorization.getRefreshToken().getToken().getTokenValue());
		if (tokenType == null) {
			return access || refresh;
		}
		return OAuth2TokenType.ACCESS_TOKEN.equals(tokenType) ? access : refresh;
	}

	private static List<String> tokenValues(OAuth2Authorization authorization) {
		List<String> values = new ArrayList<>(2);
		if (authorization.getAccessToken() != null) {
			values.add(authorization.getAccessToken().getToken().getTokenValue());
		}
		if (authorization.getRefreshToken() != null) {
			values.add(authorization.getRefreshToken().getToken().getTokenValue());
		}
		return values;
	}

}
