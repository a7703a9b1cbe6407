package org.seedcast.database;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@link Notifications} wherever there is a PostgreSQL: after Boot's DataSource, whose connection
 * details (external, embedded or a test's) the listening connection uses too.
 */
@AutoConfiguration(after = DataSourceAutoConfiguration.class)
@ConditionalOnBean({DataSource.class, JdbcConnectionDetails.class})
class NotificationsConfiguration {

    @Bean
    Notifications notifications(DataSource dataSource, JdbcConnectionDetails connection) {
        return new Notifications(JdbcClient.create(dataSource), connection);
    }
}
