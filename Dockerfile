# Build: docker build -t seedcast .   (docker compose up --build does this for you)
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY db db
COPY frontend-templates frontend-templates
RUN ./mvnw -q -B -DskipTests package \
 && java -Djarmode=tools -jar target/seedcast.jar extract --destination /app

FROM eclipse-temurin:25-jre
# ffmpeg: media facts and poster frames of uploads (README, "Media facts"; without it Seedcast works
# and says so once); curl: the compose files' health checks
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg curl && rm -rf /var/lib/apt/lists/*
RUN useradd --system --create-home seedcast && mkdir /data && chown seedcast /data
USER seedcast
WORKDIR /home/seedcast
COPY --from=build --chown=seedcast /app /home/seedcast/app
# The AOT cache (README, "Faster start"): a training run of a throwaway instance (its own embedded
# PostgreSQL in a temporary directory) with this image's JVM; the tracker answers its first requests
# at speed and the application starts in about half the time. Optional: without it, a plain start.
# Training and start name the jar by the same absolute path: JDK 25 aborts on a cache made for a jar
# elsewhere (a sealed dependency jar, xz, is then "already defined").
# The collector (README, "JVM settings for production"): training and start use the same one, as a
# cache made under another is refused (ZGC runs without compressed oops, G1 with them).
ENV JAVA_GC=-XX:+UseZGC
# Hazelcast (the tracker cluster, SEEDCAST_CLUSTER_MEMBERS) reads process and memory figures through
# JDK-internal classes and trims its network selector's garbage through sun.nio.ch; without these
# flags it logs a warning and goes without. Harmless on a node that runs no cluster member. Training
# and start pass the same flags: a cache made with other module options is not used in full.
ENV JAVA_HAZELCAST="--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED"
RUN java $JAVA_GC $JAVA_HAZELCAST -XX:AOTCacheOutput=/home/seedcast/app/seedcast.aot -jar /home/seedcast/app/seedcast.jar train > /tmp/train.log 2>&1 \
 && grep "seedcast train:" /tmp/train.log || { tail -20 /tmp/train.log; echo "no AOT cache: training failed"; }; \
 rm -rf /tmp/train.log /tmp/embedded-pg
ENV SEEDCAST_DATA_DIR=/data
EXPOSE 8080 6969/tcp 6969/udp 6881/tcp 5701/tcp
# -XX:ThreadPriorityPolicy=1 (README, "JVM settings for production"): web and seed work runs at nice 4,
# below the tracker's event loops; lowering a priority needs no capability.
ENTRYPOINT ["sh", "-c", "A=/home/seedcast/app; exec java -XX:InitialRAMPercentage=50 -XX:MaxRAMPercentage=50 -XX:ThreadPriorityPolicy=1 $JAVA_GC $JAVA_HAZELCAST $([ -f $A/seedcast.aot ] && echo -XX:AOTCache=$A/seedcast.aot) $JAVA_OPTS -jar $A/seedcast.jar \"$@\"", "seedcast"]
