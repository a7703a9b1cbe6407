# Build: docker build -t seedcast .   (docker compose up --build does this for you)
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
RUN ./mvnw -q -B dependency:go-offline
COPY src src
COPY db db
COPY frontend-templates frontend-templates
RUN ./mvnw -q -B -DskipTests package

FROM eclipse-temurin:25-jre
RUN useradd --system --create-home seedcast && mkdir /data && chown seedcast /data
USER seedcast
WORKDIR /home/seedcast
COPY --from=build /src/target/seedcast.jar seedcast.jar
ENV SEEDCAST_DATA_DIR=/data
EXPOSE 8080 6969/tcp 6969/udp
ENTRYPOINT ["java", "-XX:InitialRAMPercentage=50", "-XX:MaxRAMPercentage=50", "-jar", "seedcast.jar"]
