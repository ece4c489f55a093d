package dev.tollgate.filters.strip;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SpoofableHeadersTests {

	private final SpoofableHeaders headers = SpoofableHeaders.of(List.of("X-Internal-User", "X-Corp-*"));

	@Test
	void matchesWhenGatewayIdentityHeaderInAnyCaseThenTrue() {
		assertThat(this.headers.matches("x-tollgate-client-id")).isTrue();
		assertThat(this.headers.matches("X-TOLLGATE-CLIENT-ID")).isTrue();
		// The whole X-Tollgate- namespace is the gateway's.
		assertThat(this.headers.matches("X-Tollgate-Client-Idx")).isTrue();
	}

	@Test
	void matchesWhenUnderscoreSpellingThenTrueRfc9700Section4_13() {
		assertThat(this.headers.matches("X_Tollgate_Client_Id")).isTrue();
		assertThat(this.headers.matches("x_internal_user")).isTrue();
		assertThat(this.headers.matches("x_corp_tenant")).isTrue();
	}

	@Test
	void matchesWhenEachDefaultFamilyInOddSpellingThenTrue() {
		for (String name : List.of("remote_user", "REMOTE-EMAIL", "X_Remote_User", "sm_user", "x-forwarded_user",
				"X_FORWARDED_EMAIL", "x-forwarded-preferred_username", "X-Forwarded-Groups", "x_forwarded_access_token",
				"X-Auth-Request-User", "x_auth_request_email", "X-AUTH-REQUEST-ACCESS-TOKEN", "x_consumer_id",
				"X-Consumer-Custom-ID", "x-credential_identifier", "X_Anonymous_Consumer", "x-authenticated-userid",
				"X_AUTHENTICATED_SCOPE", "x-amzn-oidc-data", "X_AMZN_OIDC_ACCESSTOKEN", "x-ms-client-principal",
				"X_MS_CLIENT_PRINCIPAL_NAME", "x-goog-authenticated-user-email", "cf_access_jwt_assertion",
				"Cf-Access-Authenticated-User-Email", "x_user", "X-User-Id", "x_username", "X-EMAIL", "x_client_id",
				"X-Roles", "x_role", "X-Scope", "x_scopes", "X-Groups", "x_userinfo", "X_JWT_PAYLOAD", "x-id-token",
				"X_Access_Token")) {
			assertThat(this.headers.matches(name)).as(name).isTrue();
		}
	}

	@Test
	void matchesWhenOrdinaryHeaderThenFalse() {
		for (String name : List.of("Accept", "Host", "X-Request-Id", "X-Forwarded-For", "X-Forwarded-Proto",
				"User-Agent", "X-User-Agent", "X-Correlation-Id", "traceparent", "Content-Type", "X-Auth-Request",
				"X-Consumer", "Cf-Ray", "X-Jwt")) {
			assertThat(this.headers.matches(name)).as(name).isFalse();
		}
	}

	@Test
	void onlyWhenNamesGivenThenNoDefaults() {
		SpoofableHeaders credentials = SpoofableHeaders.only(List.of("Authorization", "X-API-Key"));

		assertThat(credentials.matches("x_api_key")).isTrue();
		assertThat(credentials.matches("X-Api_Key")).isTrue();
		assertThat(credentials.matches("X-Remote-User")).isFalse();
		assertThat(SpoofableHeaders.only(List.of()).isEmpty()).isTrue();
	}

	@Test
	void ofWhenBarePrefixStarThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> SpoofableHeaders.of(List.of("*")));
	}

	@Test
	void presentInWhenCleanRequestThenEmpty() {
		HttpHeaders request = new HttpHeaders();
		request.add("Accept", "application/json");
		request.add("X-Request-Id", "1");

		assertThat(this.headers.presentIn(request)).isEmpty();
	}

	@Test
	void presentInWhenSpoofedHeadersThenAllFound() {
		HttpHeaders request = new HttpHeaders();
		request.add("x-tollgate-scopes", "admin");
		request.add("X_Internal_User", "root");
		request.add("X-Forwarded-User", "alice");
		request.add("x_forwarded_user", "bob");
		request.add("Accept", "*/*");

		assertThat(this.headers.presentIn(request)).containsExactlyInAnyOrder("x-tollgate-scopes", "X_Internal_User",
				"X-Forwarded-User", "x_forwarded_user");
	}

}
