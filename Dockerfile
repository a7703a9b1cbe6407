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
RUN useradd --system --create-home seedcast && mkdir /data && chown seedcast /data
USER seedcast
WORKDIR /home/seedcast
COPY --from=build --chown=seedcast /app app
# The AOT cache (README, "Faster start"): a training run of a throwaway instance (its own embedded
# PostgreSQL in a temporary directory) with this image's JVM; the tracker answers its first requests
# at speed and the application starts in about half the time. Optional: without it, a plain start.
RUN java -XX:AOTCacheOutput=app/seedcast.aot -jar app/seedcast.jar train > /tmp/train.log 2>&1 \
 && grep "seedcast train:" /tmp/train.log || { tail -20 /tmp/train.log; echo "no AOT cache: training failed"; }; \
 rm -rf /tmp/train.log /tmp/embedded-pg
ENV SEEDCAST_DATA_DIR=/data
EXPOSE 8080 6969/tcp 6969/udp
ENTRYPOINT ["sh", "-c", "exec java -XX:InitialRAMPercentage=50 -XX:MaxRAMPercentage=50 $([ -f app/seedcast.aot ] && echo -XX:AOTCache=app/seedcast.aot) $JAVA_OPTS -jar app/seedcast.jar \"$@\"", "seedcast"]
