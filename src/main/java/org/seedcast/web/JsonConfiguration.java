package org.seedcast.web;

import org.seedcast.torrent.InfoHash;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

/** JSON for the API: info-hashes are written as 40 lower-case hex digits. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    @Bean
    SimpleModule seedcastJson() {
        SimpleModule module = new SimpleModule("seedcast");
        module.addSerializer(InfoHash.class, new ValueSerializer<>() {
            @Override
            public void serialize(InfoHash value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(value.toHex());
            }
        });
        return module;
    }
}
