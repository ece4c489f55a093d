package dev.tollgate.devauth;

import java.security.Principal;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectRecordingAuthorizationServiceTests {

	private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

	private static final RegisteredClient CLIENT = RegisteredClient.withId("agent-id")
		.clientId("agent")
		.clientSecret("secret")
		.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
		.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
		.build();

	private final SubjectRecordingAuthorizationService service = new SubjectRecordingAuthorizationService();

	@Test
	void saveWhenClientCredentialsThenClientRecordedAsPrincipal() {
		this.service.save(authorization("a-1", "access-1", null));

		assertThat((Object) this.service.findById("a-1").getAttribute(Principal.class.getName())).isNotNull();
	}

	@Test
	void findByTokenWhenAccessOrRefreshTokenThenFoundByTypeOrWithoutType() {
		this.service.save(authorization("a-1", "access-1", "refresh-1"));
		this.service.save(authorization("a-2", "access-2", null));

		assertThat(this.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("a-1");
		assertThat(this.service.findByToken("refresh-1", OAuth2TokenType.REFRESH_TOKEN).getId()).isEqualTo("a-1");
		assertThat(this.service.findByToken("access-2", null).getId()).isEqualTo("a-2");
		assertThat(this.service.findByToken("refresh-1", null).getId()).isEqualTo("a-1");
		// A token of another type is not found under this one, as in Spring's own store.
		assertThat(this.service.findByToken("access-1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(this.service.findByToken("refresh-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.service.findByToken("unknown", null)).isNull();
	}

	@Test
	void findByTokenWhenAuthorizationSavedWithNewTokenOrRemovedThenOldValueNotFound() {
		this.service.save(authorization("a-1", "access-1", null));
		this.service.save(authorization("a-1", "access-1b", null));

		assertThat(this.service.findByToken("access-1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.service.findByToken("access-1b", OAuth2TokenType.ACCESS_TOKEN).getId()).isEqualTo("a-1");

		this.service.remove(this.service.findById("a-1"));
		assertThat(this.service.findByToken("access-1b", OAuth2TokenType.ACCESS_TOKEN)).isNull();
		assertThat(this.service.findByToken("access-1b", null)).isNull();
	}

	private static OAuth2Authorization authorization(String id, String accessToken, String refreshToken) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(CLIENT)
			.id(id)
			.principalName("agent")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, accessToken, NOW,
					NOW.plusSeconds(300), Set.of("orders:read")));
		if (refreshToken != null) {
			builder.refreshToken(new OAuth2RefreshToken(refreshToken, NOW, NOW.plusSeconds(3600)));
		}
		return builder.build();
	}

}
