@echo off
rem Partita's broker: "partita-broker local" runs a whole cluster on this machine, "partita-broker node --config
rem config\server.properties" one node against a ZooKeeper; "partita-broker --help" says more.
rem JAVA_HOME picks the Java (17 or later), else java on the PATH; PARTITA_BROKER_OPTS adds JVM options.
setlocal
set "BASE=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
rem LMDB maps its data straight into memory: lmdbjava needs these two packages opened to it.
"%JAVA%" --add-opens java.base/java.nio=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED "-Dlogback.configurationFile=%BASE%\config\logback.xml" %PARTITA_BROKER_OPTS% -cp "%BASE%\libs\*" io.partita.broker.cli.BrokerMain %*
exit /b %ERRORLEVEL%
