package dev.tollgate.filters.ratelimit.gateway;

import java.util.Set;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;

import dev.tollgate.filters.authn.AuthenticateGatewayFilterFactory;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.TollgateAttributes;

/**
 * TEST ONLY stand-in for the authenticate stage: the caller's client id comes from the trusted test header
 * {@code X-Test-Client}. Requests without it get no identity, as when authentication did not run.
 */
public class TestIdentityGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

	public static final String HEADER = "X-Test-Client";

	@Override
	public GatewayFilter apply(Object config) {
		// Runs where the authenticate stage runs, ahead of ClientRateLimit.
		return new OrderedGatewayFilter((exchange, chain) -> {
			String clientId = exchange.getRequest().getHeaders().getFirst(HEADER);
			if (clientId != null) {
				exchange.getAttributes()
					.put(TollgateAttributes.CALLER_IDENTITY,
							new CallerIdentity(clientId, null, Set.of(), CredentialKind.JWT, "test", null, null));
			}
			return chain.filter(exchange);
		}, AuthenticateGatewayFilterFactory.ORDER);
	}

}
