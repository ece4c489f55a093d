package dev.tollgate.devauth;

import java.security.Principal;
import java.util.List;

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
 */
final class SubjectRecordingAuthorizationService implements OAuth2AuthorizationService {

	private static final String PRINCIPAL_ATTRIBUTE = Principal.class.getName();

	private final OAuth2AuthorizationService delegate = new InMemoryOAuth2AuthorizationService();

	@Override
	public void save(OAuth2Authorization authorization) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
				&& authorization.getAttribute(PRINCIPAL_ATTRIBUTE) == null) {
			UsernamePasswordAuthenticationToken client = UsernamePasswordAuthenticationToken
				.authenticated(authorization.getPrincipalName(), null, List.of());
			authorization = OAuth2Authorization.from(authorization).attribute(PRINCIPAL_ATTRIBUTE, client).build();
		}
		this.delegate.save(authorization);
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.delegate.remove(authorization);
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.delegate.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		return this.delegate.findByToken(token, tokenType);
	}

}
