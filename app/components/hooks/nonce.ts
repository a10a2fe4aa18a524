import { createContext, useContext } from 'react'

/** The CSP nonce of this response (set by entry.server; in the browser it reads as ""). */
export const NonceContext = createContext<string | undefined>(undefined)
export const useNonce = () => useContext(NonceContext)
