package dev.tollgate.filters.strip;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.PipelineOrder;
import dev.tollgate.filters.core.TollgateAttributes;

/**
 * Keeps the caller's credentials from the upstream on every route, declared or hand-written: {@code Authorization},
 * {@code Cookie}, the {@code DPoP} proof and the API-key header in any case and {@code _}/{@code -} spelling. Runs right after the
 * authenticate stage, so it sees which kind of route it is on:
 * <ul>
 * <li>on a route that authenticated the caller, the credential is already consumed and the upstream token replaces
 * it; what is left to remove are other spellings of the API-key header (the authenticate stage refuses those, this
 * is the second line). Cookies are the upstream-token stage's ({@code removeCookies}, default on);</li>
 * <li>on a public route, all of them go, unless the route forwards credentials ({@code forward-credentials: true},
 * or the {@code ForwardCredentials} filter on a hand-written route) because its upstream authenticates callers
 * itself.</li>
 * </ul>
 * {@code Proxy-Authorization} is removed at the edge, on every request ({@code InboundHeadersWebFilter}).
 */
public final class CredentialHeadersFilter implements GlobalFilter, Ordered {

	/** Right after the authenticate stage, before anything that forwards. */
	public static final int ORDER = PipelineOrder.CREDENTIAL_HEADERS;

	/** The DPoP proof header (RFC 9449 §4.1). */
	private static final String DPOP = "DPoP";

	private final SpoofableHeaders credentials;

	private final SpoofableHeaders apiKeySpellings;

	/** @param apiKeyHeader the configured API-key header, e.g. {@code X-API-Key} */
	public CredentialHeadersFilter(String apiKeyHeader) {
		this.credentials = SpoofableHeaders
			.only(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.COOKIE, DPOP, apiKeyHeader));
		// A DPoP proof is made for the gateway (RFC 9449 §4.1): it goes with the consumed credential, in any spelling.
		this.apiKeySpellings = SpoofableHeaders.only(List.of(apiKeyHeader, DPOP));
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		boolean authenticated = exchange.getAttribute(TollgateAttributes.CALLER_IDENTITY) != null;
		SpoofableHeaders remove;
		if (authenticated) {
			remove = this.apiKeySpellings;
		}
		else if (Boolean.TRUE.equals(exchange.getAttribute(TollgateAttributes.FORWARD_CREDENTIALS))) {
			return chain.filter(exchange);
		}
		else {
			remove = this.credentials;
		}
		List<String> present = remove.presentIn(exchange.getRequest().getHeaders());
		if (present.isEmpty()) {
			return chain.filter(exchange);
		}
		return chain.filter(exchange.mutate().request(r -> r.headers(h -> present.forEach(h::remove))).build());
	}

}
