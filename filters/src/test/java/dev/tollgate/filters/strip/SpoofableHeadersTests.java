package dev.tollgate.filters.strip;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

class SpoofableHeadersTests {

	private final SpoofableHeaders headers = SpoofableHeaders.of(List.of("X-Internal-User"));

	@Test
	void matchesWhenGatewayIdentityHeaderInAnyCaseThenTrue() {
		assertThat(this.headers.matches("x-tollgate-client-id")).isTrue();
		assertThat(this.headers.matches("X-TOLLGATE-CLIENT-ID")).isTrue();
	}

	@Test
	void matchesWhenUnderscoreSpellingThenTrueRfc9700Section4_13() {
		assertThat(this.headers.matches("X_Tollgate_Client_Id")).isTrue();
		assertThat(this.headers.matches("x_internal_user")).isTrue();
	}

	@Test
	void matchesWhenOrdinaryHeaderThenFalse() {
		assertThat(this.headers.matches("Accept")).isFalse();
		assertThat(this.headers.matches("X-Tollgate-Client-Idx")).isFalse();
	}

	@Test
	void presentInWhenCleanRequestThenEmpty() {
		HttpHeaders request = new HttpHeaders();
		request.add("Accept", "application/json");

		assertThat(this.headers.presentIn(request)).isEmpty();
	}

	@Test
	void presentInWhenSpoofedHeadersThenAllFound() {
		HttpHeaders request = new HttpHeaders();
		request.add("x-tollgate-scopes", "admin");
		request.add("X_Internal_User", "root");
		request.add("Accept", "*/*");

		assertThat(this.headers.presentIn(request)).containsExactlyInAnyOrder("x-tollgate-scopes", "X_Internal_User");
	}

}
