package org.seedcast.accounts;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    @Bean
    AccountStatusFilter accountStatusFilter(Accounts accounts) {
        return new AccountStatusFilter(accounts);
    }

    /** The filter belongs inside Spring Security's chain (SecurityConfiguration adds it), not in the servlet container's. */
    @Bean
    FilterRegistrationBean<AccountStatusFilter> accountStatusFilterOutsideSecurity(AccountStatusFilter filter) {
        FilterRegistrationBean<AccountStatusFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setEnabled(false);
        return registration;
    }
}
