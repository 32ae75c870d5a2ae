// Attack: reach the network (send the solutions somewhere, fetch an answer key): connect to
// 127.0.0.1:HOSTILE_PORT, where the test listens. Prints "CONNECTED" if that worked.
#include <gclab/cell.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

GCLAB_CELL(1, "reach the network") {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<unsigned short>(std::atoi(std::getenv("HOSTILE_PORT") ? std::getenv("HOSTILE_PORT") : "0")));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (s >= 0 && connect(s, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0) std::printf("CONNECTED\n");
  std::printf("hello\nworld\n");
}
