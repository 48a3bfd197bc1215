/* Build bridge: Debian installs libsrtp 2.x as <srtp2/srtp.h>. */
#ifndef IC_SRTP_BRIDGE_H
#define IC_SRTP_BRIDGE_H

#include <srtp2/srtp.h>

#ifdef __cplusplus
#include <climits>
#include <cstddef>

/*
 * mediasoup 3.13-3.15 call the libsrtp "3.0" signatures, where the packet length is a
 * size_t* instead of 2.x's int*. The in-place semantics are identical, so these C++
 * overloads convert the length and forward to the 2.x functions.
 */
#define IC_SRTP_SIZE_T_FORWARD(fn)                                     \
	inline srtp_err_status_t fn(srtp_t ctx, void* buf, size_t* len)      \
	{                                                                    \
		if (len == nullptr || *len > static_cast<size_t>(INT_MAX))         \
			return srtp_err_status_bad_param;                                \
		int n = static_cast<int>(*len);                                    \
		const srtp_err_status_t status = fn(ctx, buf, &n);                 \
		if (n >= 0)                                                        \
			*len = static_cast<size_t>(n);                                   \
		return status;                                                     \
	}

IC_SRTP_SIZE_T_FORWARD(srtp_protect)
IC_SRTP_SIZE_T_FORWARD(srtp_unprotect)
IC_SRTP_SIZE_T_FORWARD(srtp_protect_rtcp)
IC_SRTP_SIZE_T_FORWARD(srtp_unprotect_rtcp)

#undef IC_SRTP_SIZE_T_FORWARD

/* 3.0 renamed srtp_remove_stream() to srtp_stream_remove(). */
inline srtp_err_status_t srtp_stream_remove(srtp_t session, uint32_t ssrc)
{
	return srtp_remove_stream(session, ssrc);
}
#endif

#endif
