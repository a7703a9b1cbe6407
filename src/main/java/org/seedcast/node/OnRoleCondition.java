package org.seedcast.node;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** {@link ConditionalOnRole}'s test, against the roles the environment names. */
class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        if (attributes == null) {
            return true;
        }
        boolean runs = NodeProperties.roles(Binder.get(context.getEnvironment()))
                .contains((NodeRole) attributes.get("value"));
        return runs != (Boolean) attributes.get("missing");
    }
}
