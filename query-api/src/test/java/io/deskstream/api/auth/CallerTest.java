package io.deskstream.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import io.deskstream.api.ApiError;
import org.junit.jupiter.api.Test;

/** What a caller sees: agent scoping fails closed. */
class CallerTest {

    @Test
    void anAgentWhoseTokenNamesNoDepartmentSeesNothing() {
        Caller nobody = Caller.agent("0123456789ab", List.of());

        assertThat(nobody.seesNothing()).isTrue();
        assertThat(nobody.sees("sales")).isFalse();
        assertThatThrownBy(() -> nobody.departmentsFor(Set.of("sales"), "department"))
                .isInstanceOf(ApiError.class)
                .hasMessageContaining("sales").hasMessageContaining("no department");
    }

    @Test
    void theAdminAndAnAgentWithDepartmentsSeeSomething() {
        Caller sales = Caller.agent("0123456789ab", List.of("sales"));

        assertThat(Caller.ADMIN.seesNothing()).isFalse();
        assertThat(sales.seesNothing()).isFalse();
        assertThat(sales.departmentsFor(Set.of(), "department")).containsExactly("sales");
        assertThat(Caller.ADMIN.departmentsFor(Set.of(), "department")).isEmpty();
    }
}
