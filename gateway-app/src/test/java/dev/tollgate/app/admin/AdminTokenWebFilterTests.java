package dev.tollgate.app.admin;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AdminTokenWebFilterTests {

	private static final String TOKEN = "admin-token-0123456789abcdef";

	private final AdminTokenWebFilter filter = new AdminTokenWebFilter(TOKEN, "/actuator/");

	@Test
	void guardedWhenActuatorPathOtherThanHealthThenTrue() {
		assertThat(this.filter.guarded("/actuator")).isTrue();
		assertThat(this.filter.guarded("/actuator/apikeys")).isTrue();
		assertThat(this.filter.guarded("/actuator/apikeys/report/csv")).isTrue();
		assertThat(this.filter.guarded("/actuator/prometheus")).isTrue();
		assertThat(this.filter.guarded("/actuator/healthdump")).isTrue();
		assertThat(this.filter.guarded("/actuator/health")).isFalse();
		assertThat(this.filter.guarded("/actuator/health/liveness")).isFalse();
		assertThat(this.filter.guarded("/orders/actuator/apikeys")).isFalse();
		assertThat(this.filter.guarded("/actuatorx")).isFalse();
	}

	@Test
	void authorizedWhenExactBearerTokenThenTrueElseFalse() {
		assertThat(this.filter.authorized("Bearer " + TOKEN)).isTrue();
		assertThat(this.filter.authorized("bearer " + TOKEN)).isTrue();
		assertThat(this.filter.authorized("Bearer " + TOKEN + "x")).isFalse();
		assertThat(this.filter.authorized("Bearer " + TOKEN.substring(1))).isFalse();
		assertThat(this.filter.authorized("Basic " + TOKEN)).isFalse();
		assertThat(this.filter.authorized(TOKEN)).isFalse();
		assertThat(this.filter.authorized(null)).isFalse();
	}

	@Test
	void filterWhenNoTokenThen401ChallengeAndChainNotCalled() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/actuator/apikeys"));
		boolean[] called = new boolean[1];
		this.filter.filter(exchange, e -> {
			called[0] = true;
			return Mono.empty();
		}).block();
		assertThat(called[0]).isFalse();
		assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
			.isEqualTo("Bearer realm=\"tollgate-admin\"");
		assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
	}

	@Test
	void validateWhenTokenTooShortThenStartupFails() {
		AdminProperties properties = new AdminProperties();
		properties.setToken("short");
		assertThatIllegalStateException().isThrownBy(properties::validate).withMessageStartingWith("tollgate.admin.token");
		assertThat(properties.toString()).doesNotContain("short");
	}

}
