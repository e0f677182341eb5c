// Made by bench/common-pairs.ts: the 256 pairs of adjacent ideographs that the most
// of the shared news corpus's 2098 articles hold (folded as the index folds; the last
// is in 101), most common first. The index keeps each as a token of its own
// (native/lectern_tokens.c, "Common pairs"). Do not edit by hand: an archive searches by pairs
// only when its index was written with this very list (db/common-pairs.ts).
export const COMMON_PAIRS: readonly string[] = [
  '市场 表示 公司 投资 持续 相关 以及 数据 同时 规模 提供 目前 一步 企业 产品 主要',
  '全球 能力 显示 中国 风险 增长 进一 成为 长期 亿元 可能 核心 美元 通过 美国 部分',
  '服务 发布 未来 超过 行业 其中 包括 实现 科技 管理 今年 时间 技术 方面 成本 发展',
  '平台 影响 指出 重要 一个 需求 业务 需要 资金 完成 系统 以来 问题 政府 正在 进行',
  '经济 领域 关注 其他 提升 研究 产业 价格 增加 亿美 这一 推动 机构 的是 关键 过去',
  '资产 交易 基础 的重 上市 可以 收入 智能 根据 截至 第一 直接 进入 价值 稳定 作为',
  '国家 出现 半年 已经 认为 预计 我们 更多 商业 开始 整体 来的 目标 集团 国际 最大',
  '表现 方式 结构 宣布 带来 生产 计划 调整 供应 没有 突破 阶段 最新 的一 压力 大幅',
  '年的 公布 利润 大的 此前 获得 不同 创新 消息 用于 合作 来源 这些 个月 内容 分别',
  '应用 情况 支持 最终 正式 研发 图片 是一 有限 继续 预期 分析 第二 达到 发生 资本',
  '不过 另一 形成 扩大 竞争 资者 项目 去年 国内 存在 工作 明显 政策 经营 要求 销售',
  '客户 布局 建议 开发 收益 最高 模式 针对 个人 当前 战略 维持 利率 升级 营收 中心',
  '使用 新的 之一 值得 制造 安全 空间 上涨 共同 所有 现金 降低 中的 人工 元的 建设',
  '意味 执行 此外 自己 金融 面临 一次 场的 以上 周期 随着 业绩 同比 处于 如果 报告',
  '推出 推进 是否 期的 累计 历史 变化 同样 控制 消费 解决 重新 升至 基金 方案 水平',
  '而是 体系 因此 实际 拥有 模型 短期 财务 资源 重大 对于 的关 综合 落地 万元 上半',
]
  .join(' ')
  .split(' ')
