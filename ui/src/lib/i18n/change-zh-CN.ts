import type { ChangeMessages } from "./change-types";

export const changeZhCN: ChangeMessages = {
  summary: {
    envSet: "在 GOENV 文件中设置 {pairs}",
    envUnset: "在 GOENV 文件中取消设置 {keys}",
    separator: "；",
    bundleApply: "应用了团队配置包“{name}”",
    alsoNetrc: "（同时写入 .netrc）",
    mirror_add: "添加了镜像 {name}（{url}）",
    mirror_remove: "移除了镜像 {name}",
    token_store: "已将 {host}（用户 {user}）的令牌存入系统钥匙串",
    token_replace: "已替换 {host}（用户 {user}）的令牌；撤销会保留新令牌，旧令牌未在任何地方保存",
    token_delete: "已删除 {host}（用户 {user}）的令牌；撤销会恢复该主机的记录，但不会恢复令牌",
    netrc_set: "在 .netrc 中为 {machines} 设置了登录名 {login} 和令牌",
    netrc_remove: "从 .netrc 中移除了 {machines}",
    git_config_set: "在全局 git 配置中将 {key} 设为 {value}",
    project_files_save: "已将 {files} 保存到 {dir}",
  },
  lineKey: {
    go_env: "{key}",
    mirror: "镜像 {key}",
    keychain: "系统钥匙串 {key}",
    netrc_machine: ".netrc 主机 {key}",
    git_config: "git 配置 {key}",
    host: "主机 {key}",
    project_file: "文件 {key}",
  },
  token: "一个令牌",
  interrupted: {
    finished: "曾被中断，但所有文件都已写入；已完成",
    rolled_back: "在完成前被中断；已回滚，没有留下任何更改",
    undo_finished: "撤销曾被中断；已完成",
    left_as_is: "曾被中断；期间有文件被其他程序修改，已保持原样",
  },
  unreadable: {
    one: "有 {count} 个历史记录文件无法读取，已保持原样：",
    other: "有 {count} 个历史记录文件无法读取，已保持原样：",
  },
};
