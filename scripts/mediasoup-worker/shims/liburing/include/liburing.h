/* Build bridge: Debian 12 has liburing 2.3; mediasoup 3.13+ calls helpers added in 2.4. */
#ifndef IC_LIBURING_BRIDGE_H
#define IC_LIBURING_BRIDGE_H

#include_next <liburing.h>

#ifndef IO_URING_VERSION_MAJOR
static inline int io_uring_major_version(void) { return 2; }
static inline int io_uring_minor_version(void) { return 3; }

/* Same effect as liburing 2.4's helper: a send with a destination address (kernel >= 6.0). */
static inline void io_uring_prep_sendto(struct io_uring_sqe* sqe, int sockfd, const void* buf,
  size_t len, int flags, const struct sockaddr* addr, socklen_t addrlen)
{
	io_uring_prep_send(sqe, sockfd, buf, len, flags);
	io_uring_prep_send_set_addr(sqe, addr, (__u16)addrlen);
}
#endif

#endif
