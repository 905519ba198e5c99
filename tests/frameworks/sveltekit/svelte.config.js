// SvelteKit with its Node adapter; nothing here is about smart-invite.
import adapter from "@sveltejs/adapter-node";

export default { kit: { adapter: adapter() } };
