package dev.tollgate.filters.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PolicyCompilerTests {

	private final PolicyCompiler compiler = new PolicyCompiler(new PolicyProperties.Settings(
			Map.of("homeRegion", "eu-west-1"), Map.of("regions", List.of("eu-west-1")), Map.of(), 50, 200, 100));

	@Test
	void compileWhenFieldIsMisspeltThenIssueNamesLineAndColumn() {
		PolicyCompileException ex = catchThrowableOfType(PolicyCompileException.class,
				() -> this.compiler.compile("p", PolicyMode.ENFORCE, "caller.client_id == 'a' &&\n  caller.tenant == 'x'"));
		assertThat(ex.issues()).singleElement().asString().startsWith("line 2, column 3: undeclared reference");
	}

	@Test
	void compileWhenResultIsNotBoolThenRefused() {
		PolicyCompileException ex = catchThrowableOfType(PolicyCompileException.class,
				() -> this.compiler.compile("p", PolicyMode.ENFORCE, "caller.client_id"));
		assertThat(ex.issues()).singleElement().asString().contains("expected type 'bool' but found 'string'");
	}

	@Test
	void compileWhenTypesDoNotMatchThenRefused() {
		PolicyCompileException ex = catchThrowableOfType(PolicyCompileException.class,
				() -> this.compiler.compile("p", PolicyMode.ENFORCE, "caller.scopes == 'orders:read'"));
		assertThat(ex.issues()).singleElement().asString().startsWith("line 1, column 15: found no matching overload");
	}

	@Test
	void compileWhenEnvAttributeIsUnknownThenRefusedAndKnownOnesAreTyped() {
		assertThat(catchThrowableOfType(PolicyCompileException.class,
				() -> this.compiler.compile("p", PolicyMode.ENFORCE, "env.region == 'x'")))
			.isNotNull();
		assertThat(this.compiler.compile("p", PolicyMode.ENFORCE, "env.homeRegion in env.regions")).isNotNull();
	}

	@Test
	void compileWhenLongerThanTheLimitThenRefused() {
		String expression = "caller.client_id == '" + "a".repeat(300) + "'";
		assertThat(catchThrowableOfType(PolicyCompileException.class,
				() -> this.compiler.compile("p", PolicyMode.ENFORCE, expression)).issues())
			.singleElement().asString().contains("max-expression-length");
	}

	@Test
	void evaluateWhenIterationsExceedTheBudgetThenErrorVerdictNotException() {
		CompiledPolicy policy = this.compiler.compile("p", PolicyMode.ENFORCE,
				"[1,2,3,4,5,6,7,8,9,10].all(x, [1,2,3,4,5,6,7,8,9,10].all(y, y > 0))");
		PolicyVerdict verdict = policy.evaluate((name) -> Optional.empty());
		assertThat(verdict.result()).isEqualTo("error");
		assertThat(verdict.cause()).isEqualTo("cost_exceeded");
		assertThat(verdict.allowed()).isFalse();
	}

	@Test
	void evaluateWhenClaimIsMissingThenErrorVerdictWithMissingAttribute() {
		CompiledPolicy policy = this.compiler.compile("p", PolicyMode.ENFORCE, "caller.claims.tenant == 'a'");
		PolicyVerdict verdict = policy.evaluate((name) -> Optional.ofNullable(
				PolicyVariables.CALLER_CLAIMS.equals(name) ? Map.of("other", "x") : null));
		assertThat(verdict.result()).isEqualTo("error");
		assertThat(verdict.cause()).isEqualTo("missing_attribute");
	}

	@Test
	void evaluateWhenHasGuardsAMissingClaimThenDenyNotError() {
		CompiledPolicy policy = this.compiler.compile("p", PolicyMode.ENFORCE,
				"has(caller.claims.tenant) && caller.claims.tenant == 'a'");
		PolicyVerdict verdict = policy.evaluate((name) -> Optional.ofNullable(
				PolicyVariables.CALLER_CLAIMS.equals(name) ? Map.of("other", "x") : null));
		assertThat(verdict).isEqualTo(PolicyVerdict.DENY);
	}

}
