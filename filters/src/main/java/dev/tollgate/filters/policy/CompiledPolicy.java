package dev.tollgate.filters.policy;

import java.util.Set;

import dev.cel.common.exceptions.CelAttributeNotFoundException;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

/**
 * A policy compiled and type-checked once, at startup; {@link #evaluate} runs it for one request. Thread-safe.
 *
 * @param name the policy's name: a shared policy's, or {@code <route id>.inline} for an inline one
 * @param mode enforce or shadow
 * @param program the planned CEL program
 * @param claims the claims the policy reads, or {@code null} for any ({@link ClaimReferences})
 */
public record CompiledPolicy(String name, PolicyMode mode, CelRuntime.Program program, Set<String> claims) {

	/** The same policy in another mode. */
	public CompiledPolicy withMode(PolicyMode mode) {
		return (mode == this.mode) ? this : new CompiledPolicy(this.name, mode, this.program, this.claims);
	}

	/**
	 * Evaluates the policy against one context. Never throws: an evaluation that fails (a missing claim, the
	 * iteration budget spent) is an {@code error} verdict, which denies.
	 */
	public PolicyVerdict evaluate(CelVariableResolver context) {
		Object value;
		try {
			value = this.program.eval(context);
		}
		catch (CelEvaluationException ex) {
			return failure(ex);
		}
		catch (RuntimeException ex) {
			// A context value of an unexpected Java type, or a CEL runtime bug: deny, never a 500.
			return new PolicyVerdict("error", "evaluation_error", ex.getClass().getSimpleName());
		}
		return Boolean.TRUE.equals(value) ? PolicyVerdict.ALLOW : PolicyVerdict.DENY;
	}

	private static PolicyVerdict failure(CelEvaluationException ex) {
		String message = String.valueOf(ex.getMessage());
		String cause;
		if (ex.getCause() instanceof CelAttributeNotFoundException || message.contains("not present")
				|| message.contains("No such key") || message.contains("no such")) {
			cause = "missing_attribute";
		}
		else if (message.contains("budget")) {
			cause = "cost_exceeded";
		}
		else {
			cause = "evaluation_error";
		}
		return new PolicyVerdict("error", cause, message);
	}

}
