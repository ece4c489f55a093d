package dev.tollgate.filters;

import org.junit.jupiter.api.Test;

import dev.tollgate.filters.core.Pass;
import dev.tollgate.testkit.PackageCycles;

import static org.assertj.core.api.Assertions.assertThat;

class PackageCyclesTests {

	@Test
	void filtersWhenCompiledThenNoPackageDependsOnItselfThroughOthers() {
		assertThat(PackageCycles.find(PackageCycles.classesOf(Pass.class), "dev.tollgate.filters")).isEmpty();
	}

}
