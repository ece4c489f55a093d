package dev.tollgate.admin;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates the bearer token Spring Security's {@code ServerBearerTokenAuthenticationConverter} extracted
 * against the {@link AdminToken}. Success is an authentication named {@link AdminToken#principal()}; the token itself
 * is not kept in it. With no admin token configured every attempt fails ({@link DisabledException}).
 */
final class AdminTokenAuthenticationManager implements ReactiveAuthenticationManager {

	static final String AUTHORITY = "TOLLGATE_ADMIN";

	private final AdminToken token;

	AdminTokenAuthenticationManager(AdminToken token) {
		this.token = token;
	}

	@Override
	public Mono<Authentication> authenticate(Authentication authentication) {
		if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
			return Mono.empty();
		}
		if (!this.token.configured()) {
			return Mono.error(new DisabledException("no admin token is configured"));
		}
		if (!this.token.matches(bearer.getToken())) {
			return Mono.error(new BadCredentialsException("invalid admin token"));
		}
		return Mono.just(UsernamePasswordAuthenticationToken.authenticated(this.token.principal(), null,
				List.of(new SimpleGrantedAuthority(AUTHORITY))));
	}

}
