export declare const OWNER_ROLE: 'delingsmegler_owner';
export declare const APP_ROLE: 'delingsmegler_app';
export declare function urlAs(url: string, role: string, options?: { password?: string; database?: string }): string;
export declare function ensureLoginRoles(superuserUrl: string, passwords?: Record<string, string>): Promise<void>;
