package dev.tollgate.filters.authn.jwt;

import java.util.List;

/**
 * One check of a token. Validators never throw for a bad token; they return every failure they see so a
 * {@link #all(List) composite} can report them together, like Spring Security's
 * {@code DelegatingOAuth2TokenValidator}.
 *
 * @param <T> what is validated: an unverified JWT or an already validated token
 */
@FunctionalInterface
public interface TokenValidator<T> {

	ValidationResult validate(T token);

	/** A validator that runs every one of {@code validators} and merges their failures. */
	static <T> TokenValidator<T> all(List<TokenValidator<T>> validators) {
		List<TokenValidator<T>> copy = List.copyOf(validators);
		return (token) -> {
			ValidationResult result = ValidationResult.success();
			for (TokenValidator<T> validator : copy) {
				result = result.and(validator.validate(token));
			}
			return result;
		};
	}

}
