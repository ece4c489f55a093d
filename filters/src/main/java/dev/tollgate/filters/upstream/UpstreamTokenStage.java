package dev.tollgate.filters.upstream;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import dev.tollgate.filters.core.Answer;
import dev.tollgate.filters.core.CallerFault;
import dev.tollgate.filters.core.CallerIdentity;
import dev.tollgate.filters.core.CredentialKind;
import dev.tollgate.filters.core.InboundCredential;
import dev.tollgate.filters.core.Pass;
import dev.tollgate.filters.core.RoutePolicy;
import dev.tollgate.filters.core.RouteSecurity;
import dev.tollgate.filters.core.Stage;
import dev.tollgate.filters.core.TollgateAttributes;
import dev.tollgate.filters.observe.DecisionRecorder;
import dev.tollgate.filters.upstream.mint.TokenMinter;

/**
 * Stage 5: the upstream receives only a token made for it. Bearer callers on a route with an STS profile get an RFC
 * 8693 exchanged token; everyone else (API-key callers always) gets a short-lived token minted by the gateway. The
 * caller's own credential, DPoP proof and cookies never pass through. Decides now when the minted or exchanged
 * token is cached.
 */
final class UpstreamTokenStage implements Stage {

	private final TokenMinter minter;

	private final TokenExchanger exchanger;

	private final DecisionRecorder recorder;

	private final UpstreamTokenGatewayFilterFactory.Config config;

	UpstreamTokenStage(TokenMinter minter, TokenExchanger exchanger, DecisionRecorder recorder,
			UpstreamTokenGatewayFilterFactory.Config config) {
		this.minter = minter;
		this.exchanger = exchanger;
		this.recorder = recorder;
		this.config = config;
	}

	@Override
	public String name() {
		return UpstreamTokenGatewayFilterFactory.STAGE;
	}

	@Override
	public Answer<?> apply(Pass pass) {
		CallerIdentity caller = pass.caller();
		if (caller == null) {
			// Misconfiguration (no Authenticate stage before this one): never forward without a token.
			throw CallerFault.missingCredential();
		}
		RouteSecurity route = pass.route();
		String audience = (this.config.getAudience() != null) ? this.config.getAudience()
				: (route != null) ? route.audience() : null;
		List<String> scopes = scopesFor(caller, route);
		String profile = this.config.getExchange();
		boolean mintForBound = caller.confirmation().isBound()
				&& this.config.getBoundTokens() == RoutePolicy.BoundTokens.MINT;
		if (profile == null || caller.kind() == CredentialKind.API_KEY || mintForBound) {
			this.recorder.record(pass.exchange(), pass.routeId(), name(), "allowed", "minted");
			pass.exchange().getAttributes().put(TollgateAttributes.UPSTREAM_TOKEN, "minted");
			pass.upstreamAuthorization(this.minter.mintAuthorization(caller, pass.routeId(), audience, scopes),
					this.config.isRemoveCookies());
			return Answer.passed();
		}
		InboundCredential credential = pass.credential();
		if (credential == null) {
			throw CallerFault.missingCredential();
		}
		// An empty request would let the STS grant every scope of the subject token: ask for what the route
		// configures instead, which the exchanger refuses (403 insufficient_scope) when the caller lacks it.
		List<String> requested = (scopes.isEmpty() && !this.config.getScopes().isEmpty()) ? this.config.getScopes()
				: scopes;
		Answer<String> exchanged = this.exchanger.answer(pass.routeId(), profile, caller, credential, audience,
				this.config.getResource(), requested);
		if (exchanged.isReady()) {
			// Decided without waiting: the exchange cache held a token for this subject and target.
			pass.exchange().getAttributes().put(TollgateAttributes.UPSTREAM_TOKEN, "cached");
			exchanged(pass, credential, audience, requested, exchanged.value());
			return Answer.passed();
		}
		return Answer.later(exchanged.later().doOnNext((token) -> {
			pass.exchange().getAttributes().put(TollgateAttributes.UPSTREAM_TOKEN, "exchanged");
			exchanged(pass, credential, audience, requested, token);
		}));
	}

	private void exchanged(Pass pass, InboundCredential credential, String audience, List<String> requested,
			String token) {
		ServerWebExchange exchange = pass.exchange();
		// An upstream that refuses the exchanged token makes the next request exchange afresh.
		exchange.getResponse().beforeCommit(() -> {
			if (exchange.getResponse().getStatusCode() == HttpStatus.UNAUTHORIZED) {
				this.exchanger.invalidate(this.config.getExchange(), credential.value(), audience,
						this.config.getResource(), requested, token);
			}
			return Mono.empty();
		});
		this.recorder.record(pass.exchange(), pass.routeId(), name(), "allowed", "exchanged");
		pass.upstreamToken(token, this.config.isRemoveCookies());
	}

	/** Down-scoped: what the route asks for, never more than the caller holds. */
	private List<String> scopesFor(CallerIdentity caller, RouteSecurity route) {
		List<String> wanted = !this.config.getScopes().isEmpty() ? this.config.getScopes()
				: (route != null && !route.scopes().isEmpty()) ? route.scopes() : null;
		if (wanted == null) {
			return caller.scopes().stream().sorted().toList();
		}
		if (caller.hasAllScopes(wanted)) {
			// The usual case once authorize has passed: no new list.
			return wanted;
		}
		return wanted.stream().filter(caller.scopes()::contains).toList();
	}

	@Override
	public String toString() {
		return "UpstreamToken" + this.config;
	}

}
